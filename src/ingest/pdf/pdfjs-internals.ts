/**
 * pdfjs's classes are not exported, and its worker's objects never reach its API. Its constructors
 * assign their instances' properties one by one, though (`this.x = …`), and an assignment to a
 * property an object does not have calls a setter of that name up its prototype chain, up to
 * Object.prototype. A setter there, named after a property only one pdfjs class assigns, is called
 * by the first instance that class builds, before the instance is used: it hands over the class's
 * prototype (patched from then on for every instance, past and future) and is removed at once.
 */

/**
 * Calls `found` with the prototype that owns `method` in the chain of the first object assigned
 * `property`. Nothing happens if no object ever is (a PDF with nothing that needs the class).
 */
export function onFirstInstance(property: string, method: string, found: (prototype: object) => void): void {
  if (Object.hasOwn(Object.prototype, property)) return;
  Object.defineProperty(Object.prototype, property, {
    configurable: true,
    set(this: object, value: unknown) {
      delete (Object.prototype as Record<string, unknown>)[property];
      Object.defineProperty(this, property, { value, writable: true, enumerable: true, configurable: true });
      for (let proto = Object.getPrototypeOf(this); proto; proto = Object.getPrototypeOf(proto)) {
        if (Object.hasOwn(proto, method)) return found(proto);
      }
    },
  });
}
