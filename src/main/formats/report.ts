/** Report accumulation with a cap on stored warnings, so a badly tagged 200k-line file stays cheap. */
import type { SpanInput } from '../../shared/types'
import type { ExportFormat, ExportReport, FormatWarning, ImportFormat, ImportReport } from './types'

export const MAX_WARNINGS = 50

class Warnings {
  readonly list: FormatWarning[] = []
  count = 0
  add(where: string, message: string): void {
    this.count++
    if (this.list.length < MAX_WARNINGS) this.list.push({ where, message })
  }
}

function countLabels(into: Record<string, number>, spans: readonly SpanInput[]): void {
  for (const s of spans) into[s.label] = (into[s.label] ?? 0) + 1
}

export class ImportReportBuilder {
  private readonly warnings = new Warnings()
  readonly spansPerLabel: Record<string, number> = {}
  spans = 0
  documents = 0

  constructor(
    readonly format: ImportFormat,
    readonly fileName: string,
  ) {}

  warn(line: number, message: string): void {
    this.warnings.add(`${this.fileName}:${line}`, message)
  }

  addSpans(spans: readonly SpanInput[]): void {
    this.spans += spans.length
    countLabels(this.spansPerLabel, spans)
  }

  build(extra: Partial<ImportReport> = {}): ImportReport {
    return {
      format: this.format,
      fileName: this.fileName,
      documents: this.documents,
      spans: this.spans,
      spansPerLabel: sortKeys(this.spansPerLabel),
      ...extra,
      warnings: this.warnings.list,
      warningCount: this.warnings.count,
    }
  }
}

export class ExportReportBuilder {
  private readonly warnings = new Warnings()
  readonly spansPerLabel: Record<string, number> = {}
  spans = 0
  documents = 0
  records = 0
  skippedSpans = 0
  splitTokens = 0

  constructor(readonly format: ExportFormat) {}

  /** docIndex is 0-based; reported 1-based like lines. */
  warn(docIndex: number, message: string): void {
    this.warnings.add(`document ${docIndex + 1}`, message)
  }

  addSpans(spans: readonly SpanInput[]): void {
    this.spans += spans.length
    countLabels(this.spansPerLabel, spans)
  }

  build(extra: Partial<ExportReport> = {}): ExportReport {
    return {
      format: this.format,
      documents: this.documents,
      records: this.records,
      spans: this.spans,
      spansPerLabel: sortKeys(this.spansPerLabel),
      skippedSpans: this.skippedSpans,
      splitTokens: this.splitTokens,
      ...extra,
      warnings: this.warnings.list,
      warningCount: this.warnings.count,
    }
  }
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const k of Object.keys(o).sort()) out[k] = o[k]!
  return out
}
