import { defineFunction } from '../common/define';
import { get, mine, reveal, updateMine } from './archive';

export const archive = defineFunction('archive', { actions: { mine, updateMine, get, reveal } });
export const main = archive.main;
