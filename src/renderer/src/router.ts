/**
 * Hash routes (#/documents, #/editor/12): no server routing needed, survive a reload, and work the
 * same from file:// in Electron and over HTTP in browser mode.
 */
import { useEffect, useState } from 'react'

export type Route =
  | { page: 'overview' }
  | { page: 'documents' }
  | { page: 'labels' }
  | { page: 'train' }
  | { page: 'patterns' }
  | { page: 'queue' }
  | { page: 'models' }
  | { page: 'editor'; documentId: number | null }

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/')
  switch (parts[0]) {
    case 'documents':
      return { page: 'documents' }
    case 'labels':
      return { page: 'labels' }
    case 'train':
      return { page: 'train' }
    case 'patterns':
      return { page: 'patterns' }
    case 'queue':
      return { page: 'queue' }
    case 'models':
      return { page: 'models' }
    case 'editor': {
      const id = Number(parts[1])
      return { page: 'editor', documentId: Number.isInteger(id) && id > 0 ? id : null }
    }
    default:
      return { page: 'overview' }
  }
}

export function routeHash(route: Route): string {
  if (route.page === 'editor') return route.documentId ? `#/editor/${route.documentId}` : '#/editor'
  return `#/${route.page}`
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
