/**
 * A command written as one string, split into arguments as compose splits it (POSIX shell
 * words: whitespace separates, quotes group, a backslash escapes; no expansion). An unterminated
 * quote runs to the end; compose refuses such a command (see `openQuote`).
 */
export function splitCommand(text: string): string[] {
  return scan(text).words;
}

/** The quote a command string leaves open at its end, which compose refuses ("invalid command line string"); undefined when none. */
export function openQuote(text: string): '"' | "'" | undefined {
  return scan(text).quote;
}

function scan(text: string): { readonly words: string[]; readonly quote: '"' | "'" | undefined } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return { words, quote };
}
