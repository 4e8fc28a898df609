// One line per command. Each module exports `register(program)`.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
