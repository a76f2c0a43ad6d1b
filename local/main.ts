import { readConfig } from './config';
import { createGateway } from './gateway';
import { loadSecret } from './identity';
import { createRuntime } from './runtime';
import { seedDemo } from './seed';
import { seedDemoPosts } from './seed-posts';
import { seedDemoStudy } from './seed-study';
import { seedDemoExam } from './seed-exam';
import { seedDemoVoice } from './seed-voice';
import { seedDemoService } from './seed-service';
import { startTimers } from './timers';
import { loadExtraFunctions } from './extra';
import { FUNCTIONS } from '../cloudfunctions/registry';

async function main(): Promise<void> {
  const config = readConfig();
  const baseUrl = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const runtime = createRuntime({ dataDir: config.dataDir, publicBaseUrl: () => baseUrl, blockedWords: config.blockedWords });
  if (config.seed) {
    const { added } = await seedDemo(runtime.db, new Date());
    console.log(added ? `已写入演示数据 ${added} 条 (seeded ${added} demo documents)` : '演示数据已存在 (demo data present)');
    const posts = await seedDemoPosts(runtime, new Date());
    if (posts) console.log(`已发布演示通知 ${posts} 条 (published ${posts} demo posts)`);
    const courses = await seedDemoStudy(runtime, new Date());
    if (courses) console.log(`已发布演示课程 ${courses} 门 (published ${courses} demo courses)`);
    const questions = await seedDemoExam(runtime, new Date());
    if (questions) console.log(`已建演示题库 ${questions} 题 (seeded ${questions} demo questions)`);
    if (await seedDemoVoice(runtime, new Date())) console.log('已建演示心声：来信、问卷、评选 (seeded demo letters, a survey and a vote)');
    if (await seedDemoService(runtime, new Date())) console.log('已建演示志愿服务、微心愿与党费 (seeded demo service, wishes and dues)');
  }
  const timers = startTimers(runtime);
  const extras = config.extraFunctions.length
    ? loadExtraFunctions(config.extraFunctions, runtime.engine, Object.keys(FUNCTIONS))
    : undefined;
  const extraTimers = extras?.startTimers((fn, trigger, res) => {
    if (res.status !== 200) runtime.platform.log.error('timer_failed', { fn, trigger, status: res.status, body: res.body });
  });
  for (const name of extras?.names() ?? []) console.log(`另一个小程序的云函数 (extra function): POST /api/functions/${name}`);
  const server = createGateway({ runtime, secret: loadSecret(config.dataDir), staticDir: config.staticDir, extras });
  server.listen(config.port, config.host, () => {
    console.log(`支部通本地运行中: ${baseUrl}  (data: ${config.dataDir})`);
    console.log(`开发者登录: ${baseUrl}/#/pages/dev/signin/index`);
  });
  const stop = () => {
    timers.stop();
    extraTimers?.stop();
    server.close();
    runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
