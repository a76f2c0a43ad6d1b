import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl } from '../../../typings/pages';
import { hoursText } from '../../../typings/service';

/** 志愿服务 in the archive: hours confirmed by the organisers, by year; the member's own opens each year's certificate. */
export function VolunteerHours({ years, own }: { years: { year: number; hours: number; times: number }[]; own: boolean }) {
  if (years.length === 0) return null;
  return (
    <>
      <Text className='zb-section-title'>志愿服务</Text>
      <View className='zb-card zb-stack' id='archive-service'>
        {years.map((y) => (
          <View
            key={y.year}
            className='zb-row'
            id={`archive-service-${y.year}`}
            onClick={own ? () => void Taro.navigateTo({ url: pageUrl('certificate', { year: y.year }) }) : undefined}
          >
            <Text className='zb-grow'>
              {y.year} 年：{y.times} 次，{hoursText(y.hours)} 小时
            </Text>
            {own && <Text className='zb-muted'>证书 ›</Text>}
          </View>
        ))}
      </View>
    </>
  );
}
