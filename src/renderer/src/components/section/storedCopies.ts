/**
 * Tells a section card's own writes, and stale copies it has moved past, from changes that came from elsewhere (a sync,
 * a conflict resolution). A live query that read just before the card's write committed can still deliver its copy
 * after the write resolved; taking it would undo the officer's last edit, and the next edit, built on it, would lose it
 * for good.
 */
export class StoredCopies {
  private latest: string;
  private readonly superseded = new Set<string>();

  constructor(initial: unknown) {
    this.latest = JSON.stringify(initial);
  }

  /** The card wrote this copy, or took it as its draft: every copy before it is stale from now on. */
  moveTo(record: unknown): void {
    const json = JSON.stringify(record);
    this.superseded.add(this.latest);
    // An edit that returns to an earlier state makes that state current again.
    this.superseded.delete(json);
    this.latest = json;
  }

  /** A stored copy that is neither the card's own echo nor one it has moved past: it replaces the draft. */
  isNews(record: unknown): boolean {
    const json = JSON.stringify(record);
    return json !== this.latest && !this.superseded.has(json);
  }
}
