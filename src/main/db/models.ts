/** Model versions and training runs recorded in the project file. */
import type Database from 'better-sqlite3'
import { NotFoundError } from '../../shared/api/errors'
import type {
  DevMetrics,
  ModelVersion,
  TrainingEpoch,
  TrainingSettings,
} from '../../shared/api/features/training'

interface ModelRow {
  id: number
  version: number
  architecture: string
  config: string
  metrics: string | null
  artifact_path: string | null
  active: number
  created_at: string
}

interface StoredConfig {
  settings: Partial<TrainingSettings>
  trainSentences?: number
  provider?: string
}

function toVersion(r: ModelRow): ModelVersion {
  const config = JSON.parse(r.config) as StoredConfig
  const metrics = r.metrics ? (JSON.parse(r.metrics) as DevMetrics) : null
  return {
    id: r.id,
    version: r.version,
    architecture: r.architecture,
    active: r.active === 1,
    createdAt: r.created_at,
    devF1: metrics?.micro.f1 ?? null,
    metrics,
    settings: config.settings,
    trainSentences: config.trainSentences ?? null,
    provider: config.provider ?? null,
  }
}

export function listModels(db: Database.Database): ModelVersion[] {
  return (db.prepare('SELECT * FROM models ORDER BY version DESC').all() as ModelRow[]).map(toVersion)
}

export function getModel(
  db: Database.Database,
  version?: number,
): ModelVersion & { artifactPath: string | null } {
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM models ORDER BY active DESC, version DESC LIMIT 1').get()
      : db.prepare('SELECT * FROM models WHERE version = ?').get(version)
  ) as ModelRow | undefined
  if (!row) {
    throw new NotFoundError(
      version === undefined
        ? 'This project has no trained model yet; train one first.'
        : `There is no model version ${version}.`,
    )
  }
  return { ...toVersion(row), artifactPath: row.artifact_path }
}

export function registerModel(
  db: Database.Database,
  m: { architecture: string; config: StoredConfig; metrics: DevMetrics | null; artifactPath: string },
): ModelVersion {
  const version =
    ((db.prepare('SELECT coalesce(max(version), 0) AS v FROM models').get() as { v: number }).v ?? 0) + 1
  db.prepare('UPDATE models SET active = 0').run()
  db.prepare(
    'INSERT INTO models (version, architecture, config, metrics, artifact_path, active) VALUES (?, ?, ?, ?, ?, 1)',
  ).run(
    version,
    m.architecture,
    JSON.stringify(m.config),
    m.metrics ? JSON.stringify(m.metrics) : null,
    m.artifactPath,
  )
  return getModel(db, version)
}

export function activateModel(db: Database.Database, version: number): ModelVersion {
  getModel(db, version)
  db.prepare('UPDATE models SET active = (version = ?)').run(version)
  return getModel(db, version)
}

export function startRun(db: Database.Database, settings: TrainingSettings): number {
  return Number(
    db
      .prepare("INSERT INTO training_runs (config, status) VALUES (?, 'running')")
      .run(JSON.stringify(settings)).lastInsertRowid,
  )
}

export function recordEpoch(db: Database.Database, runId: number, epoch: TrainingEpoch): void {
  db.prepare("UPDATE training_runs SET epochs = json_insert(epochs, '$[#]', json(?)) WHERE id = ?").run(
    JSON.stringify(epoch),
    runId,
  )
}

export function finishRun(
  db: Database.Database,
  runId: number,
  status: 'done' | 'failed' | 'cancelled',
  log: string,
  modelId: number | null,
): void {
  db.prepare(
    "UPDATE training_runs SET status = ?, log = log || ?, model_id = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
  ).run(status, log, modelId, runId)
}

/** Runs left "running" by a crash of the app are marked failed when the project opens again. */
export function failInterruptedRuns(db: Database.Database): void {
  db.prepare(
    "UPDATE training_runs SET status = 'failed', log = 'The app stopped while this run was going on.' || log WHERE status = 'running'",
  ).run()
}
