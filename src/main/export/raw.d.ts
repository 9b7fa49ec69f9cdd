/** Vite (build and Vitest) imports a file's text with the ?raw suffix; the sample scripts ship that way. */
declare module '*?raw' {
  const text: string
  export default text
}
