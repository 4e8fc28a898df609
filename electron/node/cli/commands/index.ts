// One line per command. Each module exports `register(program)`.
import type { Command } from 'commander';
import { register as registerInterfaces } from './interfaces';
import { register as registerAnalyze } from './analyze';
import { register as registerCapture } from './capture';
import { register as registerPrint } from './print';
import { register as registerServe } from './serve';

export function registerCommands(program: Command): void {
  void program;
  registerInterfaces(program);
  registerAnalyze(program);
  registerCapture(program);
  registerPrint(program);
  registerServe(program);
}
