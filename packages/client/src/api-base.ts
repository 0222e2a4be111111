import type { Fetcher } from './fetcher.js'

/** Base of every manager: holds the shared transport. */
export class APIBase {
  protected fetcher: Fetcher

  /** Creates a manager that sends its requests through `fetcher`. */
  constructor(fetcher: Fetcher) {
    this.fetcher = fetcher
  }
}
