// Runs before every test file (vitest setupFiles): the folders its tests made are removed after it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);
