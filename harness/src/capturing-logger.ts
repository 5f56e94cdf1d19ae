import { createLogger, type Logger } from '@atc/shared';

/** A service's logger (as the gateway and the agent make theirs) whose lines, each a JSON text, are pushed onto `lines`. */
export function capturingLogger(name: string, lines: string[]): Logger {
  return createLogger({
    name,
    destination: {
      write(line: string) {
        lines.push(line);
      },
    },
  });
}
