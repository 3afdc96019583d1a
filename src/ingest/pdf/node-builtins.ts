/**
 * A Node built-in module where the runtime is Node, undefined elsewhere (got as pdfjs gets them, with
 * process.getBuiltinModule): the ingest layer imports none, so it stays runnable in a browser, and
 * uses them only to read PDFs faster or more completely where they are.
 */
type Process = { getBuiltinModule?: (id: string) => unknown };

export const nodeBuiltin = <T>(id: string): T | undefined => (globalThis as { process?: Process }).process?.getBuiltinModule?.(id) as T | undefined;
