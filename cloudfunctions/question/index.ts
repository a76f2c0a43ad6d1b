import { defineFunction } from '../common/define';
import { ask, list, moderate, vote } from './question';

export const question = defineFunction('question', { actions: { ask, list, vote, moderate } });
export const main = question.main;
