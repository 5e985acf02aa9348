#!/usr/bin/env node
// The fleetgate command line. The project ships TypeScript sources, so tsx compiles them on load.
import { register } from "tsx/esm/api";

register();
await import(new URL("../server/cli/main.ts", import.meta.url).href);
