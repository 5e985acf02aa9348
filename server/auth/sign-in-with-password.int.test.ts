import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { INVALID_CREDENTIALS, signInWithPassword } from "./sign-in-with-password";

const uniqueIp = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

async function makeUser(password = "correct horse battery") {
  const email = `signin-${randomBytes(4).toString("hex")}@example.test`;
  const user = await db.user.create({ data: { email, name: "Sign In", passwordHash: await bcrypt.hash(password, 4) } });
  return { ...user, password };
}

afterAll(() => disconnectDb());

describe("signInWithPassword", () => {
  it("accepts the right password, case-insensitively on the e-mail, recording no failure", async () => {
    const u = await makeUser();
    const signed = await signInWithPassword(u.email.toUpperCase(), u.password, uniqueIp());
    expect(signed.id).toBe(u.id);
    // The success is audited with the session it starts (server/sessions/start-session.ts).
    expect(await db.auditEvent.count({ where: { resourceId: u.id, action: "auth.sign_in_failed" } })).toBe(0);
  });

  it("answers a wrong password and an unknown account with the same message", async () => {
    const u = await makeUser();
    const wrong = await signInWithPassword(u.email, "not the password", uniqueIp()).catch((e: Error) => e.message);
    const unknown = await signInWithPassword(`nobody-${u.email}`, "whatever", uniqueIp()).catch((e: Error) => e.message);
    expect(wrong).toBe(INVALID_CREDENTIALS);
    expect(unknown).toBe(INVALID_CREDENTIALS);
    expect(await db.auditEvent.count({ where: { resourceId: u.id, actorType: "anonymous", action: "auth.sign_in_failed" } })).toBe(1);
  });

  it("locks an account after five failures, even for the right password, and says for how long", async () => {
    const u = await makeUser();
    for (let i = 0; i < 5; i++) {
      await expect(signInWithPassword(u.email, `wrong-${i}`, uniqueIp())).rejects.toThrow(INVALID_CREDENTIALS);
    }
    await expect(signInWithPassword(u.email, u.password, uniqueIp())).rejects.toThrow(/Too many failed sign-in attempts\. Try again in 15 minutes\./);
  });

  it("locks an unknown account exactly like a real one", async () => {
    const email = `ghost-${randomBytes(4).toString("hex")}@example.test`;
    for (let i = 0; i < 5; i++) await expect(signInWithPassword(email, "x", uniqueIp())).rejects.toThrow(INVALID_CREDENTIALS);
    await expect(signInWithPassword(email, "x", uniqueIp())).rejects.toThrow(/Too many failed sign-in attempts/);
  });

  it("locks an address after twenty failures across accounts", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) {
      await expect(signInWithPassword(`spray-${i}-${randomBytes(3).toString("hex")}@example.test`, "x", ip)).rejects.toThrow(INVALID_CREDENTIALS);
    }
    const u = await makeUser();
    await expect(signInWithPassword(u.email, u.password, ip)).rejects.toThrow(/Too many failed sign-in attempts/);
    expect((await signInWithPassword(u.email, u.password, uniqueIp())).id).toBe(u.id);
  });

  it("refuses a disabled account with the generic message", async () => {
    const u = await makeUser();
    await db.user.update({ where: { id: u.id }, data: { disabled: true } });
    await expect(signInWithPassword(u.email, u.password, uniqueIp())).rejects.toThrow(INVALID_CREDENTIALS);
  });

  it("clears the account's failures after a successful sign-in", async () => {
    const u = await makeUser();
    for (let i = 0; i < 4; i++) await expect(signInWithPassword(u.email, "wrong", uniqueIp())).rejects.toThrow();
    await signInWithPassword(u.email, u.password, uniqueIp());
    for (let i = 0; i < 4; i++) await expect(signInWithPassword(u.email, "wrong", uniqueIp())).rejects.toThrow(INVALID_CREDENTIALS);
    expect((await signInWithPassword(u.email, u.password, uniqueIp())).id).toBe(u.id);
  });
});
