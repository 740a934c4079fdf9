// A token bucket per connection: O(1) per frame (a number and a timestamp). It holds up to
// `frames` tokens and refills at `frames` per `perMs`; each frame takes one.
import type { RateLimit } from './limits.js';

export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly perMsRate: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.frames;
    this.last = now;
    this.perMsRate = limit.frames / limit.perMs;
  }

  /** Takes a frame's token: false when there is none (the frame is over the limit). */
  take(now: number): boolean {
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.limit.frames, this.tokens + elapsed * this.perMsRate);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
