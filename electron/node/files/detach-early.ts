/**
 * V8 compiles typed-array code on the assumption that no ArrayBuffer of the thread was ever
 * detached (its ArrayBufferDetaching protector), and throws away every function compiled on it
 * the first time one is. The frame worker and its reader transfer chunks between threads, which
 * detaches them, so that moment used to fall in the middle of the read: the hot functions of
 * both threads were compiled twice. Detaching one empty buffer before anything hot is compiled
 * makes it happen at the start, when there is nothing to throw away.
 */
export function detachOneBufferEarly(): void {
  const buffer = new ArrayBuffer(0);
  structuredClone(buffer, { transfer: [buffer] });
}
