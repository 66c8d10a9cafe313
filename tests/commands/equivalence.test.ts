import { describe, expect, it } from 'vitest';
import { commandsEquivalent } from '../../src/commands/equivalence.js';

describe('equal docker commands', () => {
  it.each([
    ['docker run -d -p 12345:80 nginx', 'docker run -p 12345:80 --detach nginx'],
    ['docker run -d -p 12345:80 nginx', 'docker container run --publish=12345:80 -d nginx'],
    ['docker run -it ubuntu bash', 'docker run -i -t ubuntu bash'],
    ['docker run -it ubuntu bash', 'docker run -ti ubuntu:latest bash'],
    ['docker run --name web nginx', 'docker run --name=web docker.io/library/nginx'],
    ['docker run -e A=1 -e B=2 nginx', 'docker run -e B=2 --env A=1 nginx'],
    ['docker run -d -p 8080:80 nginx', 'docker run -d -p 8080:80/tcp nginx'],
    ['docker run --net=container:pause mysql:8', 'docker run --network container:pause mysql:8'],
    ['docker run -dp 8080:80 nginx', 'docker run -d -p 8080:80 nginx'],
    ['docker ps -a', 'docker container ls --all'],
    ['docker images', 'docker image ls'],
    ['docker rmi nginx', 'docker image rm nginx'],
    ['docker exec -it web sh', 'docker container exec -t -i web sh'],
    ['docker logs -f web', 'docker logs --follow web'],
    ['docker save nginx -o nginx.tar', 'docker image save --output=nginx.tar nginx'],
    ['docker build -t web:1.0 .', 'docker build . --tag web:1.0'],
    ['docker system prune -a', 'docker system prune --all'],
    ['docker run --rm -d nginx', 'docker run -d --rm=true nginx'],
    ['docker run -d nginx', 'docker run -d --rm=false nginx'],
    ["docker run -e 'MSG=hello world' alpine", 'docker run -e "MSG=hello world" alpine'],
  ])('%s ≡ %s', (expected, given) => {
    expect(commandsEquivalent(expected, given)).toEqual({ equal: true, differences: [] });
  });
});

describe('unequal docker commands', () => {
  it.each([
    ['docker run -d -p 12345:80 nginx', 'docker run -d -p 8080:80 nginx', 'flag --publish is 8080:80, expected 12345:80'],
    ['docker run -d -p 12345:80 nginx', 'docker run -p 12345:80 nginx', 'missing flag --detach'],
    ['docker run -d nginx', 'docker run -d ubuntu', 'image is ubuntu, expected nginx'],
    ['docker run -d nginx', 'docker run -d --rm nginx', 'unexpected flag --rm'],
    ['docker run -it ubuntu bash', 'docker run -it ubuntu sh', 'command is sh, expected bash'],
    ['docker run -it ubuntu bash', 'docker run -it ubuntu', 'missing command bash after the image'],
    ['docker run -e A=1 -e A=1 nginx', 'docker run -e A=1 nginx', 'flag --env is A=1, expected A=1, A=1'],
    ['docker ps -a', 'docker ps', 'missing flag --all'],
    ['docker ps', 'docker images', 'subcommand is images, expected ps'],
    ['docker stop web', 'docker stop db', 'argument 1 is db, expected web'],
    ['docker run -d nginx', 'kubectl run nginx', 'program is kubectl, expected docker'],
  ])('%s ≢ %s', (expected, given, difference) => {
    const result = commandsEquivalent(expected, given);
    expect(result.equal).toBe(false);
    expect(result.differences).toContain(difference);
  });

  it('reads flags after the image as the container command, not as docker flags', () => {
    const result = commandsEquivalent('docker run -it ubuntu bash', 'docker run ubuntu -it bash');
    expect(result.equal).toBe(false);
    expect(result.differences).toContain('missing flag --interactive');
  });
});

describe('kubectl commands', () => {
  it.each([
    ['kubectl get pods -n kube-system', 'kubectl -n kube-system get po'],
    ['kubectl get pods -o wide', 'kubectl get pod -owide'],
    ['kubectl get pods -o wide', 'kubectl get pods --output=wide'],
    ['kubectl describe pod/web', 'kubectl describe pods web'],
    ['kubectl logs web', 'kubectl logs pod/web'],
    ['kubectl exec -it web -- sh', 'kubectl exec web -ti -- sh'],
    ['kubectl get svc', 'kubectl get services'],
    ['kubectl scale deployment web --replicas=5', 'kubectl scale deploy/web --replicas 5'],
    ['kubectl create deployment web --image=nginx --replicas=3', 'kubectl create deploy web --replicas=3 --image nginx'],
    ['kubectl apply -f web.yaml', 'kubectl apply --filename=web.yaml'],
  ])('%s ≡ %s', (expected, given) => {
    expect(commandsEquivalent(expected, given)).toEqual({ equal: true, differences: [] });
  });

  it.each([
    ['kubectl get svc', 'kubectl get deploy', 'argument 1 is deployments, expected services'],
    ['kubectl get pods -n kube-system', 'kubectl get pods', 'missing flag --namespace kube-system'],
    ['kubectl scale deployment web --replicas=5', 'kubectl scale deployment web --replicas=3', 'flag --replicas is 3, expected 5'],
    ['kubectl create -f web.yaml', 'kubectl apply -f web.yaml', 'subcommand is apply, expected create'],
    ['kubectl exec -it web -- sh', 'kubectl exec -it web -- bash', 'command is bash, expected sh'],
  ])('%s ≢ %s', (expected, given, difference) => {
    const result = commandsEquivalent(expected, given);
    expect(result.equal).toBe(false);
    expect(result.differences).toContain(difference);
  });
});

describe('other commands', () => {
  it('compares anything else as whitespace-normalised text', () => {
    expect(commandsEquivalent('ls -la /tmp', '  ls  -la   /tmp ').equal).toBe(true);
    expect(commandsEquivalent('ls -la /tmp', 'ls -al /tmp').equal).toBe(false);
  });

  it('falls back to text for pipelines even of docker', () => {
    expect(commandsEquivalent('docker ps | head', 'docker ps  |  head').equal).toBe(true);
    expect(commandsEquivalent('docker ps -a | head', 'docker ps --all | head').equal).toBe(false);
  });
});

describe('names and values the prompt does not state', () => {
  it('accepts another name when the prompt names none, and keeps one it names', () => {
    const vague = { prompt: 'Which command removes a stopped container?' };
    expect(commandsEquivalent('docker rm web', 'docker rm db', vague).equal).toBe(true);
    expect(commandsEquivalent('docker rm web', 'docker rm db', { prompt: 'Which command removes the container web?' })).toEqual({
      equal: false,
      differences: ['argument 1 is db, expected web'],
    });
  });

  it('says when a value of the wrong shape or nothing was given', () => {
    const prompt = { prompt: 'Which command changes how many pods a Deployment runs?' };
    expect(commandsEquivalent('kubectl scale deployment web --replicas=5', 'kubectl scale deploy api --replicas=three', prompt).differences).toEqual([
      'flag --replicas is three, expected any number such as 5',
    ]);
    expect(commandsEquivalent('docker rm web', 'docker rm', { prompt: 'Which command removes a stopped container?' }).differences).toEqual([
      'missing argument 1: any name such as web',
    ]);
  });

  it('keeps the resource type, the container port, vocabulary and literal flag values', () => {
    const vague = { prompt: 'Which command does it?' };
    expect(commandsEquivalent('kubectl get pods', 'kubectl get deploy', vague).equal).toBe(false);
    expect(commandsEquivalent('docker run -d -p 8080:80 nginx', 'docker run -d -p 9090:80 nginx', vague).equal).toBe(true);
    expect(commandsEquivalent('docker run -d -p 8080:80 nginx', 'docker run -d -p 9090:8080 nginx', vague).equal).toBe(false);
    expect(commandsEquivalent('docker run --network appnet nginx', 'docker run --network host nginx', vague).equal).toBe(false);
    expect(commandsEquivalent('kubectl get pods -o wide', 'kubectl get pods -o yaml', vague).equal).toBe(false);
  });

  it('lets the shell vary when the prompt names none', () => {
    expect(commandsEquivalent('kubectl exec -it web -- sh', 'kubectl exec -it web -- bash', { prompt: 'Which command opens a shell in the pod web?' }).equal).toBe(true);
    expect(commandsEquivalent('kubectl exec -it web -- sh', 'kubectl exec -it web -- ls', { prompt: 'Which command opens a shell in the pod web?' }).equal).toBe(false);
  });
});

describe('placeholders', () => {
  it('accept any value without a prompt', () => {
    expect(commandsEquivalent('docker run <image-name>', 'docker run busybox')).toEqual({ equal: true, differences: [] });
    expect(commandsEquivalent('docker rm <container-id>', 'docker rm 3f2a1b')).toEqual({ equal: true, differences: [] });
    expect(commandsEquivalent('docker run -p <preferred port>:<source port> nginx', 'docker run -p 8080:80 nginx').equal).toBe(true);
  });

  it('still need a value of the right shape, and the rest of the command', () => {
    expect(commandsEquivalent('docker run -p <host-port>:80 nginx', 'docker run -p web:80 nginx').differences).toEqual([
      'flag --publish is web:80, expected <host-port>:80',
    ]);
    expect(commandsEquivalent('docker run <image-name>', 'docker run').differences).toEqual(['missing image: <image-name>']);
  });

  it('work in commands compared as text', () => {
    expect(commandsEquivalent('docker logs <container> | grep error', 'docker logs web | grep error').equal).toBe(true);
  });
});

describe('pasted prompts and sudo', () => {
  it.each(['$ docker ps -a', 'sudo docker ps -a', 'user@host:~$ docker ps --all', 'PS> docker ps -a', 'user@host % sudo docker ps -a'])(
    'ignores them in %s',
    (given) => {
      expect(commandsEquivalent('docker ps -a', given).equal).toBe(true);
      expect(commandsEquivalent(`$ ${given}`, 'docker ps -a').equal).toBe(true);
    },
  );
});

describe('the k alias', () => {
  it('grades `k get pods -n kube-system` as kubectl, both ways', () => {
    expect(commandsEquivalent('k get pods -n kube-system', 'kubectl get po --namespace kube-system').equal).toBe(true);
    expect(commandsEquivalent('kubectl get pods -n kube-system', 'k get pods -n default').equal).toBe(false);
  });
});
