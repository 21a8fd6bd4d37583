import { Flex, Spin } from 'antd';
import { m } from '../i18n';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={m.common.loading} />
    </Flex>
  );
}
