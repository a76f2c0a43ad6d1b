/** The native check-in component from its source (miniprogram/components/native/checkin-code). */
import path from 'node:path';
import { checkinCodeSuite } from '../helpers/checkin-code';

checkinCodeSuite(path.join(__dirname, '../../miniprogram/components/native/checkin-code/index'));
