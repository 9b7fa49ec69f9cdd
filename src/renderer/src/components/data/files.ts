/**
 * Moving file contents between the user's disk and the API without freezing the page: reading and
 * base64-encoding a large file report their progress and yield to the browser between chunks, and
 * exports are saved through a Blob download, which works the same in Electron and in browser mode.
 */

export type Progress = (done: number, total: number) => void

/** Reads a File as bytes, reporting bytes read. */
export function readFileBytes(file: File, onProgress?: Progress): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size)
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(new Error(`${file.name} could not be read.`))
    reader.readAsArrayBuffer(file)
  })
}

// A multiple of 3 bytes, so chunks encode to base64 that can simply be joined.
const CHUNK = 3 * 64 * 1024

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** base64 of the bytes, in chunks, reporting bytes encoded and letting the page repaint between chunks. */
export async function toBase64(bytes: Uint8Array, onProgress?: Progress): Promise<string> {
  const parts: string[] = []
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const chunk = bytes.subarray(start, Math.min(start + CHUNK, bytes.length))
    let binary = ''
    // fromCharCode over a whole chunk at once would overflow the argument limit; 8 KiB slices do not.
    for (let i = 0; i < chunk.length; i += 8192) {
      binary += String.fromCharCode(...chunk.subarray(i, i + 8192))
    }
    parts.push(btoa(binary))
    onProgress?.(Math.min(start + CHUNK, bytes.length), bytes.length)
    await nextFrame()
  }
  return parts.join('')
}

/** Offers text to the user as a downloaded file. */
export function downloadText(fileName: string, content: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke later: some browsers start reading the blob only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
