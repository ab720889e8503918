#!/usr/bin/env node
// The hostctl command (built by `npm run build`: tsc -b writes ../dist).
import '../dist/hostctl/main.js';
