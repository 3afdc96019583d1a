// pdfjs-dist ships no types for its worker module; it is loaded only to be handed to pdfjs.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
