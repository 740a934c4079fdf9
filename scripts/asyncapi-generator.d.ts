// @asyncapi/generator 2.11.0 ships no type declarations. This declares the part scripts/docs-site.ts
// uses, after lib/generator.js (constructor options and generate* methods).
declare module '@asyncapi/generator' {
  namespace Generator {
    interface Options {
      /** Template parameters; html-template takes strings ('true', not true). */
      templateParams?: Record<string, string>;
      entrypoint?: string;
      noOverwriteGlobs?: string[];
      disabledHooks?: Record<string, boolean | string | string[]>;
      output?: 'fs' | 'string';
      /** Write into a non-empty folder or a git work tree with changes. Default false. */
      forceWrite?: boolean;
      /** Install the template from npm even when it is already installed. Default false. */
      install?: boolean;
      debug?: boolean;
      /** Transpile the React template into its `__transpiled` folder first. Default true. */
      compile?: boolean;
      mapBaseUrlToFolder?: Record<string, string>;
    }
  }

  class Generator {
    /**
     * @param templateName an npm name (resolved from the cwd, installed from npm when missing) or
     *   a file-system path to the template's folder.
     * @param targetDir the folder to write into.
     */
    constructor(templateName: string, targetDir: string, options?: Generator.Options);
    /** Reads, parses and validates the AsyncAPI file, then renders the template. */
    generateFromFile(asyncapiFile: string): Promise<unknown>;
    generateFromString(asyncapiString: string, parseOptions?: Record<string, unknown>): Promise<unknown>;
    generate(asyncapiDocument: string, parseOptions?: Record<string, unknown>): Promise<unknown>;
    readonly templateDir: string;
    readonly targetDir: string;
  }

  export = Generator;
}
