#!/usr/bin/env bash
# All tests: types, lint, then every vitest suite (unit, corpus oracle, namespaces, browser e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npx vitest run "$@"
