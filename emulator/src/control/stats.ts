import { ENDPOINTS } from './faults';
import type { EmulatorEndpoint, EmulatorStats } from '../types';

/** Request and connection counters of one emulator. */
export class StatsCounter implements EmulatorStats {
  /** Requests per endpoint. */
  readonly requests = Object.fromEntries(ENDPOINTS.map((e) => [e, 0])) as Record<EmulatorEndpoint, number>;
  private accepted = 0;

  /** TCP connections accepted since start or the last reset. */
  get connections(): number {
    return this.accepted;
  }

  /** Counts one accepted TCP connection. */
  connection(): void {
    this.accepted += 1;
  }

  /** Counts one request to `endpoint`. */
  request(endpoint: EmulatorEndpoint): void {
    this.requests[endpoint] += 1;
  }

  /** Sets every counter back to 0. */
  reset(): void {
    for (const endpoint of ENDPOINTS) this.requests[endpoint] = 0;
    this.accepted = 0;
  }

  /** A plain snapshot, for `GET /__emulator/stats`. */
  toJSON(): { requests: Record<EmulatorEndpoint, number>; connections: number } {
    return { requests: { ...this.requests }, connections: this.accepted };
  }
}
