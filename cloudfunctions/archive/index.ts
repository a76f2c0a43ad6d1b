import { defineFunction } from '../common/define';
import { get, mine, reveal, updateMine } from './archive';
import { setPhoto } from './photo';

export const archive = defineFunction('archive', { actions: { mine, updateMine, setPhoto, get, reveal } });
export const main = archive.main;
