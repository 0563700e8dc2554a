// The label selector grammar, lexed and parsed exactly as upstream's labels.Parse does, so the
// same strings are accepted and the same error messages come back:
//
//   selector    := requirement (',' requirement)* | ''
//   requirement := ['!'] key | key op value | key ('in' | 'notin') '(' values ')'
//   op          := '=' | '==' | '!=' | '>' | '<'
//
// Whitespace separates tokens; any run of characters other than whitespace and = ! ( ) , > <
// is one identifier. 'in' and 'notin' are keywords only where an operator is expected.

import { fieldErrorMessage, NIL_PATH, type Path } from '../field-errors.ts';
import { compareGoStrings } from '../go-format.ts';
import { fail, ok, type Result } from '../result.ts';
import { BINARY_OPERATORS, newRequirement, sortByKey, validateLabelKey, type Operator, type Requirement } from './requirement.ts';

type Token =
  | 'EndOfString' | 'ClosedPar' | 'Comma' | 'DoesNotExist' | 'DoubleEquals' | 'Equals' | 'GreaterThan'
  | 'Identifier' | 'In' | 'LessThan' | 'NotEquals' | 'NotIn' | 'OpenPar';

const keywords = new Map<string, Token>([
  [')', 'ClosedPar'], [',', 'Comma'], ['!', 'DoesNotExist'], ['==', 'DoubleEquals'], ['=', 'Equals'],
  ['>', 'GreaterThan'], ['in', 'In'], ['<', 'LessThan'], ['!=', 'NotEquals'], ['notin', 'NotIn'], ['(', 'OpenPar'],
]);

const operators = new Map<Token, Operator>([
  ['In', 'in'], ['Equals', '='], ['DoubleEquals', '=='], ['GreaterThan', 'gt'], ['LessThan', 'lt'],
  ['NotIn', 'notin'], ['NotEquals', '!='],
]);

interface Item {
  readonly token: Token;
  readonly literal: string;
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';
// Upstream's lexer reads a NUL byte as the end of input, wherever it occurs.
const isEnd = (ch: string): boolean => ch === '' || ch === '\0';

function lex(s: string): Item[] {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] ?? '' : '');
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (isEnd(ch)) {
      items.push({ token: 'EndOfString', literal: '' });
      return items;
    }
    let buffer = ch;
    if (isSpecial(ch)) {
      // The longest run of special characters that is still a token: "!=" not "!" then "=".
      let token = keywords.get(buffer) as Token;
      let literal = buffer;
      for (ch = read(); isSpecial(ch); ch = read()) {
        buffer += ch;
        const longer = keywords.get(buffer);
        if (longer === undefined) break;
        token = longer;
        literal = buffer;
      }
      if (!isEnd(ch)) pos--;
      items.push({ token, literal });
      continue;
    }
    for (ch = read(); !isEnd(ch) && !isSpecial(ch) && !isWhitespace(ch); ch = read()) buffer += ch;
    if (!isEnd(ch)) pos--;
    items.push({ token: keywords.get(buffer) ?? 'Identifier', literal: buffer });
  }
}

// In value position the keywords 'in' and 'notin' are plain identifiers.
type Context = 'KeyAndOperator' | 'Values';

class Parser {
  readonly #items: Item[];
  readonly #path: Path;
  #position = 0;

  constructor(items: Item[], path: Path) {
    this.#items = items;
    this.#path = path;
  }

  lookahead(context: Context): Item {
    const item = this.#items[Math.min(this.#position, this.#items.length - 1)] ?? { token: 'EndOfString', literal: '' };
    if (context === 'Values' && (item.token === 'In' || item.token === 'NotIn')) return { token: 'Identifier', literal: item.literal };
    return item;
  }

  consume(context: Context): Item {
    const item = this.lookahead(context);
    this.#position++;
    return item;
  }

  parse(): Result<Requirement[]> {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('Values');
      if (token === 'EndOfString') return ok(requirements);
      if (token !== 'Identifier' && token !== 'DoesNotExist') {
        return fail(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      const r = this.parseRequirement();
      if (!r.ok) return fail(`unable to parse requirement: ${r.error}`);
      requirements.push(r.value);
      const next = this.consume('Values');
      if (next.token === 'EndOfString') return ok(requirements);
      if (next.token !== 'Comma') return fail(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead('Values');
      if (after.token !== 'Identifier' && after.token !== 'DoesNotExist') {
        return fail(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  parseRequirement(): Result<Requirement> {
    let item = this.consume('Values');
    let operator: Operator | undefined;
    if (item.token === 'DoesNotExist') {
      operator = '!';
      item = this.consume('Values');
    }
    if (item.token !== 'Identifier') return fail(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    const keyError = validateLabelKey(key, this.#path);
    if (keyError !== undefined) return fail(fieldErrorMessage(keyError));
    const next = this.lookahead('Values').token;
    if (operator === undefined && (next === 'EndOfString' || next === 'Comma')) operator = 'exists';
    if (operator !== undefined) return newRequirement(key, operator, [], this.#path);

    const opItem = this.consume('KeyAndOperator');
    const op = operators.get(opItem.token);
    if (op === undefined) return fail(`found '${opItem.literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    if (!values.ok) return values;
    return newRequirement(key, op, [...values.value].sort(compareGoStrings), this.#path);
  }

  parseValues(): Result<Set<string>> {
    const open = this.consume('Values');
    if (open.token !== 'OpenPar') return fail(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('Values');
    if (token === 'ClosedPar') {
      this.consume('Values');
      return ok(new Set(['']));
    }
    if (token !== 'Identifier' && token !== 'Comma') return fail(`found '${literal}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiersList();
    if (!values.ok) return values;
    if (this.consume('Values').token !== 'ClosedPar') return fail(`found '${literal}', expected: ')'`);
    return values;
  }

  // A comma-separated list; an empty place between commas or parentheses is the value "".
  parseIdentifiersList(): Result<Set<string>> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume('Values');
      if (token === 'Identifier') {
        values.add(literal);
        const next = this.lookahead('Values');
        if (next.token === 'ClosedPar') return ok(values);
        if (next.token !== 'Comma') return fail(`found '${next.literal}', expected: ',' or ')'`);
      } else if (token === 'Comma') {
        if (values.size === 0) values.add('');
        const next = this.lookahead('Values').token;
        if (next === 'ClosedPar') {
          values.add('');
          return ok(values);
        }
        if (next === 'Comma') {
          this.consume('Values');
          values.add('');
        }
      } else {
        return fail(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  parseExactValue(): Result<Set<string>> {
    const next = this.lookahead('Values').token;
    if (next === 'EndOfString' || next === 'Comma') return ok(new Set(['']));
    const { token, literal } = this.consume('Values');
    if (token === 'Identifier') return ok(new Set([literal]));
    return fail(`found '${literal}', expected: identifier`);
  }
}

/** Parses a selector string into requirements sorted by key, or fails with upstream's message. */
export function parseRequirements(selector: string, path: Path = NIL_PATH): Result<Requirement[]> {
  const parsed = new Parser(lex(selector), path).parse();
  return parsed.ok ? ok(sortByKey(parsed.value)) : parsed;
}
