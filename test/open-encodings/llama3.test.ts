import { describe } from 'vitest';
import { differentialTests } from './differential.js';

describe('llama3 against Hugging Face tokenizers', () => differentialTests('llama3'));
