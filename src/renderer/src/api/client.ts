/**
 * The renderer's one way to reach the core: the Electron preload's transport when it exists,
 * otherwise browser mode's HTTP transport. Both yield the same typed client.
 */
import { createApiClient, type Api, type ClientTransport } from '../../../shared/api/rpc'
import { createHttpTransport, takeTokenFromLocation } from './transport-http'

declare global {
  interface Window {
    nerStudio?: ClientTransport
  }
}

function pickTransport(): ClientTransport | null {
  if (window.nerStudio) return window.nerStudio
  const token = takeTokenFromLocation()
  return token ? createHttpTransport(token) : null
}

const transport = pickTransport()

/** Null when browser mode was opened without its token. */
export const api: Api | null = transport ? createApiClient(transport) : null
