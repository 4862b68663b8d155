/** The part of archiver 5 (no bundled types) that the task archive uses. */
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';
  interface EntryData { name: string; date?: Date }
  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: EntryData): this;
    file(path: string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
  }
  function archiver(format: 'zip', options?: { zlib?: { level?: number }; forceLocalTime?: boolean }): Archiver;
  export default archiver;
}
