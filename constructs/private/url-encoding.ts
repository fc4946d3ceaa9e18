import { Fn, Token } from 'cdktf';

/**
 * Percent-encoding of a URL part (user name, password) that may hold any character, done the
 * same way for a literal (here) and for a Terraform value (at apply time), so both give one text:
 * every UTF-8 byte except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`.
 * That is valid in a userinfo part, and libpq (hence psql and psycopg) decodes it back.
 */
export function percentEncode(value: string): string {
  if (Token.isUnresolved(value)) {
    // Terraform's urlencode is Go's url.QueryEscape: the same set of kept characters, but a
    // space becomes "+", which a userinfo part reads as a literal "+". A "+" in the value is
    // already "%2B" then, so every "+" left stands for a space.
    return Fn.replace(Fn.urlencode(value), '+', '%20');
  }
  // Terraform keeps every string in Unicode NFC (an "e" + combining accent becomes "é"), and so
  // does the value the container gets: encode that form. TextEncoder never throws (a lone
  // surrogate becomes U+FFFD), unlike encodeURIComponent.
  return Array.from(new TextEncoder().encode(value.normalize('NFC')), (byte) => (UNRESERVED.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

// Stryker disable next-line Regex: equivalent (it tests one character at a time, so either anchor alone does the same)
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
