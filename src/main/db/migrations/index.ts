/**
 * Numbered migrations. Each runs once, in order, inside one transaction with the version bump, so a
 * crash mid-migration leaves the previous version intact. Append only: never edit a released one.
 */
import { up as initial } from './0001-initial'
import { up as documentSearch } from './0002-document-search'
import { up as patterns } from './0003-patterns'
import { up as queue } from './0004-queue'

export interface Migration {
  version: number
  name: string
  up: string
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'document-search', up: documentSearch },
  { version: 3, name: 'patterns', up: patterns },
  { version: 4, name: 'queue', up: queue },
]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version
