import type { alarmsEn } from './alarms.en';

/** Russian strings of the overview's alarms panel. */
export const alarmsRu: Readonly<Record<keyof typeof alarmsEn, string>> = {
  'alarms.title': 'Текущие тревоги',
  'alarms.loading': 'Загрузка тревог…',
  'alarms.none': 'Текущих тревог нет.',
  'alarms.caption': 'Действующие тревоги, сначала связанные с безопасностью',
  'alarms.kind': 'Тревога',
  'alarms.member': 'Участник',
  'alarms.since': 'С момента',
  'alarms.what': 'Что это значит',
  'alarms.security': 'Безопасность',
  'alarms.sentence.witness-cosignature-missing':
    'Свидетель участника ни разу не подписал контрольную точку журнала, поэтому расхождение журнала между участниками осталось бы незамеченным.',
  'alarms.sentence.witness-cosignature-stale':
    'Свидетель участника перестал подписывать новые контрольные точки журнала: проверьте, работает ли его агент.',
  'alarms.sentence.sequence-anomaly':
    'Нумерация его сообщений прервалась или пошла назад: сообщения могли потеряться, или агент восстановлен из резервной копии.',
  'alarms.sentence.purge-overdue': 'Участник не подтвердил вовремя удаление отозванных персональных данных.',
  'alarms.sentence.request-overdue': 'Участник не ответил вовремя на адресованные ему запросы информации.',
  'alarms.sentence.member-silent':
    'От участника слишком долго не архивировано ни одного сообщения: проверьте его агент и связь.',
  'alarms.sentence.gateway-clock-behind':
    'Часы шлюза ушли назад, раньше его последней контрольной точки журнала: проверьте синхронизацию времени (NTP) на узлах шлюза.',
  'alarms.sentence.inbox-expired':
    'Направленные участнику сообщения ждали дольше срока хранения входящей очереди без подтверждения: выясните с его центром, каких из них нет у его агента.',
  'alarms.sentence.nats-disconnected':
    'Отвечающий экземпляр шлюза потерял связь с NATS: он не принимает сообщения, пока связь не восстановится. Проверьте сеть до серверов NATS.',
};
