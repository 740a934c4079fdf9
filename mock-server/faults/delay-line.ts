// Frames held back on one connection and direction, each until its time, and always delivered in
// the order they came: a frame's time is never before the one ahead of it (a TCP stream does not
// reorder, however jittery the link). One timer per line, for the frame at its head.

export interface HeldFrame {
  due: number;
  data: Buffer | string;
  isBinary: boolean;
}

export class DelayLine {
  private items: HeldFrame[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private held = 0;
  private lastDue = 0;

  /**
   * `deliver` gets each frame when due; `busy(true)` when the line starts holding frames and
   * `busy(false)` when it is empty again.
   */
  constructor(
    private readonly deliver: (data: Buffer | string, isBinary: boolean) => void,
    private readonly busy: (busy: boolean) => void,
  ) {}

  /** Frames waiting. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Bytes waiting. */
  get bytes(): number {
    return this.held;
  }

  /** The time `due` becomes once it queues behind the frames ahead of it. */
  dueAfter(due: number): number {
    return this.size > 0 ? Math.max(due, this.lastDue) : due;
  }

  /** Holds a frame until `due` (ms since the epoch), or later when frames ahead of it are due later. */
  push(due: number, data: Buffer | string, isBinary: boolean): void {
    const at = this.dueAfter(due);
    if (this.size === 0) this.busy(true);
    this.items.push({ due: at, data, isBinary });
    this.held += data.length;
    this.lastDue = at;
    if (this.size === 1) this.schedule();
  }

  private schedule(): void {
    const first = this.items[this.head];
    if (!first) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, first.due - Date.now()));
    this.timer.unref();
  }

  private flush(): void {
    this.timer = null;
    const now = Date.now();
    while (this.head < this.items.length) {
      const item = this.items[this.head] as HeldFrame;
      if (item.due > now) break;
      this.head++;
      this.held -= item.data.length;
      try {
        this.deliver(item.data, item.isBinary);
      } catch {
        // A socket that went away meanwhile: the frame has nowhere to go.
      }
    }
    if (this.head >= this.items.length) {
      this.items = [];
      this.head = 0;
      this.busy(false);
    } else {
      if (this.head >= 256) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  }

  /** Forgets every waiting frame (the connection closed). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const had = this.size > 0;
    this.items = [];
    this.head = 0;
    this.held = 0;
    if (had) this.busy(false);
  }
}
