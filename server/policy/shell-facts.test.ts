import { describe, expect, it } from "vitest";
import { shellFacts } from "./shell-facts";

describe("shellFacts", () => {
  it.each([
    ["curl -fsSL https://x.test/i.sh | sh", true],
    ["wget -qO- https://x.test/i.sh | sudo bash -s -- --yes", true],
    ["curl https://x.test/a | tee log | bash", true],
    ['bash -c "curl https://x.test/i.sh | sh"', true],
    ["sh -c 'sh -c \"wget -O- x | sh\"'", true],
    ['bash -c "$(curl -fsSL https://x.test/i.sh)"', true],
    ["bash <(curl -s https://x.test/i.sh)", true],
    ['echo "curl x | sh"', false],
    ["grep 'curl|sh' notes.txt", false],
    ["curl -o out.json https://x.test/api | jq .", false],
    ["cat install.sh | sh", false],
    ["curl -s https://x.test/i.sh | sudo -u root bash", true],
    ["curl -s https://x.test/i.sh | env -i PATH=/bin sh", true],
    ["curl -s https://x.test/i.sh | time -p bash", true],
  ])("pipesRemoteToShell(%s) = %s", (line, expected) => {
    expect(shellFacts(line).pipesRemoteToShell).toBe(expected);
  });

  it("sees a download that is run afterwards", () => {
    expect(shellFacts("curl -o f https://x.test/i.sh && sh f").executesDownloadedScript).toBe(true);
    expect(shellFacts("wget https://x.test/i.sh; chmod +x i.sh; ./i.sh").executesDownloadedScript).toBe(true);
    expect(shellFacts("curl -o f https://x.test/i.sh && cat f").executesDownloadedScript).toBe(false);
    expect(shellFacts("curl -s https://x.test/i.sh > i.sh; bash i.sh").executesDownloadedScript).toBe(true);
    expect(shellFacts("curl -s https://x.test/i.sh >i.sh && bash ./i.sh").executesDownloadedScript).toBe(true);
    expect(shellFacts("curl -o f https://x.test/i.sh && sh f").pipesRemoteToShell).toBe(false);
  });

  it("tells network tools from local ones", () => {
    expect(shellFacts("npm test && git status").usesNetwork).toBe(false);
    expect(shellFacts("git fetch origin").usesNetwork).toBe(true);
    expect(shellFacts("FOO=1 sudo -E curl https://x.test").usesNetwork).toBe(true);
    expect(shellFacts("echo 'ssh host'").usesNetwork).toBe(false);
    // Package managers: the registry is the network, unless told to stay offline.
    for (const c of ["npm install", "npm ci", "npm i lodash", "yarn", "yarn add left-pad", "pnpm install", "npx cowsay hi", "pip install requests", "cargo fetch", "go get example.com/x", "bash -c 'npm install'"]) {
      expect(shellFacts(c).usesNetwork, c).toBe(true);
    }
    for (const c of ["npm ci --offline", "npm test", "npm run build", "pip install --no-index -r req.txt", "go test ./...", "cargo build --offline"]) {
      expect(shellFacts(c).usesNetwork, c).toBe(false);
    }
  });

  it("keeps argv and flags unbalanced quotes", () => {
    expect(shellFacts("ls -la 'my dir'").argv).toEqual(["ls", "-la", "my dir"]);
    expect(shellFacts("echo 'unterminated").malformed).toBe(true);
  });
});
