// Request / reply over a child process's IPC channel: the parent calls, the child serves.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

interface Request {
  id: number;
  cmd: string;
  payload: unknown;
}
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

let tasksetWorks: boolean | undefined;

/** Whether a child can be pinned to `cpu`: Linux with `taskset`, and that many CPUs. */
export function canPin(cpu: number): boolean {
  if (cpu >= availableParallelism()) return false;
  tasksetWorks ??=
    process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).status === 0;
  return tasksetWorks;
}

/** Children still running: killed if the bench itself exits early. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill();
});

/** A child process running one of the bench's TypeScript modules, answering calls. */
export class ChildWorker {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #exited: Error | null = null;

  private constructor(
    child: ChildProcess,
    readonly name: string,
  ) {
    this.#child = child;
    child.on('message', (message: Reply) => {
      const waiter = this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      this.#exited = new Error(`${name} exited (code ${code}, signal ${signal})`);
      for (const waiter of this.#pending.values()) waiter.reject(this.#exited);
      this.#pending.clear();
    });
  }

  /**
   * Starts `module` (a .ts file) in a new Node process with tsx's loader. `nodeArgs` go to node
   * itself (`--expose-gc`, `--cpu-prof`); the parent's own exec arguments are not inherited.
   */
  static start(name: string, module: URL, nodeArgs: readonly string[] = [], cpu?: number): ChildWorker {
    const execArgv = ['--import', import.meta.resolve('tsx'), ...nodeArgs];
    const pinned = cpu !== undefined && canPin(cpu);
    const child = fork(fileURLToPath(module), [], {
      // Pinned: `taskset -c <cpu> node <execArgv> <module>`, every thread of the child on that CPU.
      ...(pinned
        ? { execPath: 'taskset', execArgv: ['-c', String(cpu), process.execPath, ...execArgv] }
        : { execArgv }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    live.add(child);
    child.once('exit', () => live.delete(child));
    return new ChildWorker(child, name);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  call<T>(cmd: string, payload: unknown = null, timeoutMs = 120_000): Promise<T> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: "${cmd}" took more than ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.#child.send({ id, cmd, payload } satisfies Request);
    });
  }

  /** Waits for the child to exit, killing it if it has not within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.#exited || this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    this.#child.disconnect();
    await exited;
    clearTimeout(timer);
  }
}

export type Handlers = Record<string, (payload: never) => unknown>;

/** Serves calls from the parent until it disconnects; then runs `onDisconnect` (default: exit). */
export function serve(handlers: Handlers, onDisconnect: () => unknown = () => process.exit(0)): void {
  if (!process.send) throw new Error('this module runs as a child process of bench/run.ts');
  const send = process.send.bind(process);
  process.on('message', (request: Request) => {
    void (async () => {
      try {
        const handler = handlers[request.cmd];
        if (!handler) throw new Error(`unknown command ${request.cmd}`);
        const result = await handler(request.payload as never);
        send({ id: request.id, ok: true, result: result ?? null } satisfies Reply);
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        send({ id: request.id, ok: false, error } satisfies Reply);
      }
    })();
  });
  process.on('disconnect', () => void onDisconnect());
}
