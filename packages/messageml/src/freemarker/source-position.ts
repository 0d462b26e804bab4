/**
 * Offsets into the template → the 1-based line and column FreeMarker reports. FreeMarker counts a
 * tab as reaching the next multiple of 8 (its default `tab_size`), so columns after tabs match the
 * agent's error messages.
 */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

const TAB_SIZE = 8;

export class SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const ch = source.charCodeAt(i);
      if (ch === 10) this.lineStarts.push(i + 1);
      else if (ch === 13 && source.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get endsWithLineBreak(): boolean {
    return /[\r\n]$/.test(this.source);
  }

  get length(): number {
    return this.source.length;
  }

  at(offset: number): LineColumn {
    const lineIndex = this.lineIndexOf(offset);
    const start = this.lineStarts[lineIndex] ?? 0;
    let column = 1;
    for (let i = start; i < offset && i < this.source.length; i++) {
      column =
        this.source.charCodeAt(i) === 9
          ? (Math.floor((column - 1) / TAB_SIZE) + 1) * TAB_SIZE + 1
          : column + 1;
    }
    return { line: lineIndex + 1, column };
  }

  /** 0-based index of the line holding `offset` (binary search: error paths may ask often). */
  lineIndexOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
