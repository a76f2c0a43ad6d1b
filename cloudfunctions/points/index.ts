import { defineFunction } from '../common/define';
import { adjust, history, member, mine, ranking, setHidden } from './points';

export const points = defineFunction('points', { actions: { mine, history, ranking, setHidden, member, adjust } });
export const main = points.main;
