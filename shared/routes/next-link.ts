/**
 * @module RFC 8288 `Link: <…>; rel="next"`: the request's own URL with the next page token.
 * @see https://www.rfc-editor.org/rfc/rfc8288
 */
export const nextLink = (requestUrl: string, token: string): string => {
  const url = new URL(requestUrl)
  url.searchParams.set('pageToken', token)
  return `<${url.pathname}${url.search}>; rel="next"`
}
