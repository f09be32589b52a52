export interface Term {
  coefficient: number;
  variable: string;
}

/** Terms per line: CPLEX LP readers limit the line length, and a long sum may go on over several lines. */
const TERMS_PER_LINE = 16;

/** CPLEX LP text, streamed line by line into an array and joined once at the end. */
export class LpWriter {
  private readonly lines: string[] = [];

  section(title: 'Maximize' | 'Minimize' | 'Subject To' | 'Bounds' | 'Binary' | 'End'): void {
    this.lines.push(title);
  }

  objective(name: string, terms: Term[]): void {
    this.sum(`${name}:`, terms, '');
  }

  constraint(name: string, terms: Term[], sense: '<=' | '>=', rhs: number): void {
    this.sum(`${name}:`, terms, ` ${sense} ${rhs}`);
  }

  bound(lower: number, variable: string, upper: number): void {
    this.lines.push(` ${lower} <= ${variable} <= ${upper}`);
  }

  variables(names: string[]): void {
    for (let from = 0; from < names.length; from += TERMS_PER_LINE) {
      this.lines.push(` ${names.slice(from, from + TERMS_PER_LINE).join(' ')}`);
    }
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private sum(label: string, terms: Term[], tail: string): void {
    for (let from = 0; from < terms.length; from += TERMS_PER_LINE) {
      const chunk = terms
        .slice(from, from + TERMS_PER_LINE)
        .map(formatTerm)
        .join(' ');
      const last = from + TERMS_PER_LINE >= terms.length;
      this.lines.push(`${from === 0 ? ` ${label}` : '  '} ${chunk}${last ? tail : ''}`);
    }
  }
}

function formatTerm({ coefficient, variable }: Term): string {
  const sign = coefficient < 0 ? '-' : '+';
  const size = Math.abs(coefficient);
  return size === 1 ? `${sign} ${variable}` : `${sign} ${size} ${variable}`;
}
