import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.ts';

// Every test file cleans up its temporary folders, whether its tests passed or failed.
afterAll(removeTempDirs);
