export declare const ROOT: string;
export declare const SOURCES: readonly string[];
/** The compiled copy of `source` when it is at least as new as every source; null otherwise. */
export declare function compiledIfFresh(source: string): string | null;
