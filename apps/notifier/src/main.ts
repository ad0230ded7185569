import { runService } from '@choice-sherpa/platform';
import { SERVICE } from './notifier.service';

runService(SERVICE);
