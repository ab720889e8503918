// Loaded in every test worker before any test file (root vitest.config.ts `setupFiles`).
// type-graphql's decorators need the Reflect metadata API as soon as a decorated class loads;
// the processes' entry points import it first thing, and so does this, for tests that import
// schema classes directly.
import 'reflect-metadata';
