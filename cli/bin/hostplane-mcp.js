#!/usr/bin/env node
// The Hostplane MCP server on stdio (built by `npm run build`: tsc -b writes ../dist).
import '../dist/mcp/main.js';
