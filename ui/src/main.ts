// Entry point: the shell registers itself; pages load on demand (see router.ts).
import './app-shell.js';
