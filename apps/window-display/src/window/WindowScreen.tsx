/**
 * The window screen (窗口屏), facing the applicant: which window this is, who is on duty (亮明身份
 * 上岗), the number being served, and why the window is not serving when it is not. Sized in rem
 * that follow the screen (base.css), so one layout serves 1920×1080 and a 1280×800 tablet.
 */
import type { OnDuty, WindowView } from '@hall/shared';
import { FeedFrame, Notice, hhmm } from '../common/FeedFrame.js';
import { useEffect, useState } from 'react';
import { fetchBoot, type PageBoot } from '../device/boot.js';
import { useConfigReload, useFeed, type HallFeed, type HallView } from '../realtime/index.js';
import { RatingPad } from './RatingPad.js';

export function WindowScreen({ feed, windowId, boot: loaded, deviceKey }: { feed: HallFeed; windowId: string; boot: PageBoot; deviceKey: string }) {
  const state = useFeed(feed);
  // Hall name, departments, hours, staff photos, the pad's policy as in force: read again when a
  // new config takes effect (the window's own name and services come with the `complete` update).
  const [boot, setBoot] = useState(loaded);
  useConfigReload(feed, fetchBoot, setBoot);
  useEffect(() => {
    document.title = `${windowId} 窗口屏 · ${boot.hallName}`;
  }, [windowId, boot.hallName]);
  return (
    <FeedFrame state={state}>
      {(view) => {
        const w = view.windows.find((x) => x.id === windowId);
        return w ? <WindowPanel w={w} view={view} boot={boot} deviceKey={deviceKey} /> : <Notice title={`没有 ${windowId} 号窗口`} detail="请核对本页地址中的窗口编号" />;
      }}
    </FeedFrame>
  );
}

function WindowPanel({ w, view, boot, deviceKey }: { w: WindowView; view: HallView; boot: PageBoot; deviceKey: string }) {
  const services = view.services;
  const serviceName = (code: string) => services.find((s) => s.code === code)?.name ?? code;
  const staff = [...w.onDuty].sort((a, b) => a.post.localeCompare(b.post));
  return (
    <div className={`win win-${w.status}`} data-testid="window-screen" data-status={w.status} data-mode={w.mode}>
      <header className="win-head">
        <div className="win-no">
          <b>{w.no}</b>
          <span>号窗口</span>
        </div>
        <div className="win-title">
          <h1>{w.name}</h1>
          <p>{boot.departments[w.department] ?? w.department}</p>
        </div>
      </header>
      <ModeStrip w={w} />
      <div className="win-body">
        <section className="win-staff">
          <h2>当班工作人员</h2>
          {staff.length > 0 ? staff.map((s) => <StaffCard key={s.employeeNo} s={s} photo={boot.staffWithPhoto.includes(s.employeeNo)} />) : <p className="win-nobody">暂无工作人员在岗</p>}
        </section>
        <section className="win-main" data-testid="window-state">
          <WindowState w={w} serviceName={serviceName} hours={boot.hours} />
        </section>
        <RatingPad view={view} windowId={w.id} policy={boot.ratings} deviceKey={deviceKey} staff={staff} />
      </div>
      <footer className="win-foot">
        <span>办理业务：{w.services.map(serviceName).join('、')}</span>
        <span>{boot.hallName}</span>
      </footer>
    </div>
  );
}

function ModeStrip({ w }: { w: WindowView }) {
  if (w.mode !== 'appointment' || w.status === 'closed') return null;
  return w.appointmentOnly ? (
    <div className="win-strip" data-testid="mode-strip">
      <b>预约专窗</b>
      <span>只办理已预约的业务，未预约的群众请到其他窗口取号办理</span>
    </div>
  ) : (
    <div className="win-strip" data-testid="mode-strip">
      <b>预约办理中</b>
      <span>正在为预约群众办理，现场取号的群众请留意叫号</span>
    </div>
  );
}

function StaffCard({ s, photo }: { s: OnDuty; photo: boolean }) {
  return (
    <div className="staff" data-testid="staff">
      {photo ? (
        <img className="staff-photo" src={`/display/staff-photo/${encodeURIComponent(s.employeeNo)}`} alt={`${s.name}的照片`} data-testid="staff-photo" />
      ) : (
        <div className="staff-photo" aria-hidden="true">
          {s.name.slice(0, 1)}
        </div>
      )}
      <div className="staff-text">
        <p className="staff-name">{s.name}</p>
        <p>
          工号 {s.employeeNo}
          <span className="staff-post">{s.post}岗</span>
        </p>
      </div>
    </div>
  );
}

function WindowState({ w, serviceName, hours }: { w: WindowView; serviceName: (code: string) => string; hours: string }) {
  switch (w.status) {
    case 'paused':
      return (
        <div className="state">
          <b className="state-title">暂停服务</b>
          <p className="state-reason" data-testid="pause-reason">
            {w.pause?.reason}
          </p>
          {w.pause && <p className="state-note">{hhmm(w.pause.since)} 起暂停，请稍候</p>}
        </div>
      );
    case 'unstaffed':
      return (
        <div className="state">
          <b className="state-title">空岗</b>
          <p className="state-note">工作人员暂时不在岗，请稍候</p>
        </div>
      );
    case 'closed':
      return (
        <div className="state">
          <b className="state-title">已下班</b>
          <p className="state-note">{hours ? '办公时间' : '今日服务已结束'}</p>
          {hours.split('；').map((line) => (
            <p className="state-hours" key={line}>
              {line}
            </p>
          ))}
        </div>
      );
    case 'open':
      return w.current ? (
        <div className="current">
          <p className="current-label">{w.current.status === 'serving' ? '正在办理' : '请以下号码到本窗口办理'}</p>
          <b className="current-number" data-testid="current-number">
            {w.current.number}
          </b>
          <p className="current-service">{serviceName(w.current.serviceCode)}</p>
        </div>
      ) : (
        <div className="state">
          <b className="state-title idle">等候叫号</b>
          <p className="state-note">请留意屏幕和语音叫号</p>
        </div>
      );
  }
}
