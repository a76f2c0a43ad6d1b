import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PrivacyPrompt } from '../../../../components/privacy-prompt';
import { api, ApiError } from '../../../../services/api';
import { openSpreadsheet, pickXlsx, upload } from '../../../../services/files';
import { useAction } from '../../../../services/useAction';
import { usePageClass } from '../../../../services/care';

type Outcome = { ok: true; imported: number; file: string } | { ok: false; message: string; issues: string[]; file: string };

/**
 * 导入党员: fill in the template, pick the file (in WeChat, from a chat), and either every row is
 * imported or nothing is and each bad row is listed by its row number.
 */
export default function ImportPage() {
  const pageClass = usePageClass();
  const { params } = useRouter();
  const orgId = params['orgId'] ?? '';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const template = useAction();
  const importing = useAction();

  async function downloadTemplate() {
    await template.run(async () => openSpreadsheet((await api.member.importTemplate({ orgId })).url));
  }

  async function importFile() {
    const file = await pickXlsx();
    if (!file) return;
    setOutcome(null);
    await importing.run(async () => {
      try {
        const fileID = await upload(file, ['xlsx']);
        const { imported } = await api.member.import({ orgId, fileID });
        setOutcome({ ok: true, imported, file: file.name });
      } catch (e) {
        // A refused roster is an outcome to show in full, not a one-line error.
        if (e instanceof ApiError && e.code === 'INVALID_INPUT')
          setOutcome({ ok: false, message: e.message, issues: e.issues ?? [], file: file.name });
        else throw e;
      }
    });
  }

  return (
    <View className={pageClass}>
      <PrivacyPrompt />
      <View className='zb-card zb-stack'>
        <Text className='zb-title'>第一步：下载模板并填写</Text>
        <Text className='zb-muted'>每行一名党员：姓名必填；性别、手机号、身份证号、党员状态及进入该阶段日期可选。</Text>
        <Button id='import-template' size='large' block loading={template.busy} onClick={() => void downloadTemplate()}>
          下载导入模板
        </Button>
        {template.error && <Text className='zb-error'>{template.error}</Text>}
      </View>
      <View className='zb-card zb-stack'>
        <Text className='zb-title'>第二步：选择填好的表格</Text>
        <Text className='zb-muted'>
          {process.env.TARO_ENV === 'weapp' ? '请先把表格发到微信聊天中，再从聊天记录里选择。' : '选择 .xlsx 文件。'}
          全部行无误才会导入；有问题时一个也不导入，并列出每一处问题。上传的文件读取后立即删除。
        </Text>
        <Button id='import-pick' type='primary' size='large' block loading={importing.busy} onClick={() => void importFile()}>
          选择表格并导入
        </Button>
        {importing.error && <Text className='zb-error'>{importing.error}</Text>}
      </View>
      {outcome?.ok && (
        <View className='zb-card zb-stack' id='import-done'>
          <Text className='zb-title'>已导入 {outcome.imported} 名党员</Text>
          <Text className='zb-muted'>
            {outcome.file}。导入的党员在名册中标为“未使用支部通”；他们用微信申请加入时，审核时可关联到名册中的记录。
          </Text>
        </View>
      )}
      {outcome && !outcome.ok && (
        <View className='zb-card zb-stack' id='import-failed'>
          <Text className='zb-title'>{outcome.message}</Text>
          <Text className='zb-muted'>{outcome.file}：请修改下列问题后重新选择文件。</Text>
          {outcome.issues.map((issue) => (
            <Text key={issue} className='zb-quote'>
              {issue}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
