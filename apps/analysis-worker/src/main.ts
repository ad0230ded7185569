import { runService } from '@choice-sherpa/platform';
import { SERVICE } from './analysis-worker.service';

runService(SERVICE);
