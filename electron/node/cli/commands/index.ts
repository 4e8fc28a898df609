// One line per command. Each module exports `register(program)`.
import type { Command } from 'commander';
import { register as registerInterfaces } from './interfaces';
import { register as registerAnalyze } from './analyze';
import { register as registerCapture } from './capture';

export function registerCommands(program: Command): void {
  void program;
  registerInterfaces(program);
  registerAnalyze(program);
  registerCapture(program);
}
