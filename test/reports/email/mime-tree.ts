/**
 * A small, independent reading of a MIME message's structure (RFC 2046 multipart boundaries): a leaf
 * is its content type, a multipart is `{ type, parts }`. Tests compare it with what the message must be.
 */
export type MimeNode = string | { readonly type: string; readonly parts: MimeNode[] }

const split = (entity: string) => {
  const end = entity.indexOf('\r\n\r\n')
  // Unfold continuation lines so a folded parameter reads as one line.
  return { head: entity.slice(0, end).replace(/\r\n[ \t]+/g, ' '), body: entity.slice(end + 4) }
}

/** The structure of one entity (a whole message or one part); CRLF line breaks expected. */
export const mimeTree = (entity: string): MimeNode => {
  const { head, body } = split(entity)
  const type = /^content-type:\s*([^;\r\n]+)/im.exec(head)?.[1]?.trim().toLowerCase() ?? 'text/plain'
  if (!type.startsWith('multipart/')) return type
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? ''
  // Parts lie between the first delimiter and the close delimiter; the CRLF before a delimiter is its own.
  const parts = body
    .split(`\r\n--${boundary}`)
    .map((p, i) =>
      i === 0 ? p.replace(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), '') : p
    )
    .slice(0, -1)
    .map((p) => mimeTree(p.replace(/^\r\n/, '')))
  return { type, parts }
}
